from mapgen.cli import main

main()
