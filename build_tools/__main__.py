from build_tools.cli import main

# Guarded: worker processes import this module again (as __mp_main__).
if __name__ == "__main__":
    main()
