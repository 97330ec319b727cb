"""Getting data in: readers for Excel, CSV and Parquet, value parsing, the Excel template."""

from readiness.ingest._built import (
    BUILT_FINDINGS_KEY,
    BUILT_PROVINCES_KEY,
    BUILT_TABLES_KEY,
    FILE_FACTS_KEY,
    FINDINGS_FILE,
    BuiltStamp,
    FileFacts,
    built_findings_entry,
    built_provinces_entry,
    built_tables_entry,
    findings_from_frame,
    read_built_findings,
)
from readiness.ingest._dataset import (
    Dataset,
    PartialDatasetError,
    SourceFile,
    provinces_of,
    with_provenance,
)
from readiness.ingest._dates import parse_date
from readiness.ingest._headers import match_header, match_table_name
from readiness.ingest._load import dataset_files, load_dataset
from readiness.ingest._template import template_file_name, write_template, write_templates
from readiness.ingest._values import (
    ValueParseError,
    is_blank,
    parse_closed,
    parse_code,
    parse_count,
    parse_decimal,
    parse_percent,
    parse_text,
)

__all__ = [
    "BUILT_FINDINGS_KEY",
    "BUILT_PROVINCES_KEY",
    "BUILT_TABLES_KEY",
    "FILE_FACTS_KEY",
    "FINDINGS_FILE",
    "BuiltStamp",
    "Dataset",
    "FileFacts",
    "PartialDatasetError",
    "SourceFile",
    "ValueParseError",
    "built_findings_entry",
    "built_provinces_entry",
    "built_tables_entry",
    "dataset_files",
    "findings_from_frame",
    "is_blank",
    "load_dataset",
    "match_header",
    "match_table_name",
    "parse_closed",
    "parse_code",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "parse_percent",
    "parse_text",
    "provinces_of",
    "read_built_findings",
    "template_file_name",
    "with_provenance",
    "write_template",
    "write_templates",
]
