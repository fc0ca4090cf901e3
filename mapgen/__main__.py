from mapgen.cli import run

run()
