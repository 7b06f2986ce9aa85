"""spark-submit entry point of the `generate` job; takes the same options as `chatlake generate`.

    spark-submit --master spark://127.0.0.1:7077 jobs/generate.py --config conf/cluster.toml --help
"""

import sys

from chatlake.cli import main

if __name__ == "__main__":
    sys.exit(main(["generate", *sys.argv[1:]]))
