"""python -m datesync"""

from datesync.cli import main

main()
