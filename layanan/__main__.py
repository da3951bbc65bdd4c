import sys

from layanan.cli import main

sys.exit(main())
