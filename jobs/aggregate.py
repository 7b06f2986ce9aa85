"""spark-submit entry point of the `aggregate` job; takes the same options as `chatlake aggregate`.

    spark-submit --master spark://127.0.0.1:7077 jobs/aggregate.py --config conf/cluster.toml --help
"""

import sys

from chatlake.cli import main

if __name__ == "__main__":
    sys.exit(main(["aggregate", *sys.argv[1:]]))
