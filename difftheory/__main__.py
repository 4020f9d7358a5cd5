import sys

from difftheory.cli import main

sys.exit(main())
