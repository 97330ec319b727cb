"""Getting data in: readers for Excel, CSV and Parquet, value parsing, the Excel template."""

from readiness.ingest._dataset import Dataset, SourceFile, with_provenance

__all__ = ["Dataset", "SourceFile", "with_provenance"]
