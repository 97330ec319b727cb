"""A national dataset, one province at a time: validation and indicators in bounded memory.

A folder partitioned by province (``province=33/logistics.parquet``, …, as
``readiness.synthetic`` writes and as Hive-style tools expect) is read, validated and
computed one partition at a time, so memory is bounded by the largest province instead of
the whole country; the results are the same as for the whole folder read at once, because
every rule and every indicator works within one province.
"""

from readiness.batch._by_province import (
    BatchResult,
    PartitionDone,
    province_partitions,
    run_by_province,
)

__all__ = ["BatchResult", "PartitionDone", "province_partitions", "run_by_province"]
