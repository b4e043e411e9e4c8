/** Shapes of the server's JSON, as in the API contract. */

export interface User {
  id: number | string;
  username: string;
  admin: boolean;
}

export type DatasetStatus = string; // e.g. "uploading", "ingesting", "ready", "failed"

export interface DatasetSummary {
  id: string;
  name: string;
  /** The owner's user name; an admin's list holds every user's datasets. */
  owner: string;
  status: DatasetStatus;
  rowCount: number | null;
  columnCount: number | null;
  sizeBytes: number | null;
  createdAt: string;
}

export interface Column {
  name: string;
  label: string;
  type: string;
  position: number;
}

export interface DatasetFailure {
  detail?: string;
  title?: string;
  code?: string;
  [member: string]: unknown;
}

export interface DatasetDetail {
  id: string;
  name: string;
  status: DatasetStatus;
  rowCount: number | null;
  rejectedCount: number | null;
  columns: Column[];
  warnings: string[];
  failure?: DatasetFailure | string | null;
  /** The columns are a preview's: the file is still uploading or importing. */
  preview?: boolean;
}

export type CellValue = string | number | boolean | null;

export interface RowsPage {
  /** The page's columns, in the order of the values in each row (the API sends Column objects). */
  columns: Column[];
  rows: CellValue[][];
  positions: number[];
  offset: number;
  limit: number;
  total: number;
  totalExact: boolean;
  /** Rows of a preview (at most 1,000) while the file is still uploading or importing. */
  preview?: boolean;
}

export interface Reject {
  line: number;
  reason: string;
  raw: string;
}

export interface RejectsPage {
  rejects: Reject[];
  total: number;
}

export interface IngestProgress {
  phase: string;
  bytesDone: number;
  bytesTotal: number;
  rows: number;
  rejected: number;
  elapsedMs: number;
}

export type FilterOp = string; // e.g. "eq", "ne", "lt", "gt", "in", "contains", "isNull"

export interface Filter {
  column: string;
  op: FilterOp;
  value?: CellValue;
  values?: CellValue[];
}

export interface SortKey {
  column: string;
  descending: boolean;
}

export interface RowsQuery {
  sort: SortKey[];
  filters: Filter[];
  search: string;
}

/** A histogram bin: numbers for number columns, ISO timestamps for dates and timestamps. */
export interface ProfileBin {
  lo: number | string;
  hi: number | string;
  count: number;
}

export interface ProfileTopValue {
  value: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  nullCount: number;
  distinctCount: number;
  distinctApproximate: boolean;
  min: CellValue;
  max: CellValue;
  mean: number | null;
  stddev: number | null;
  topValues: ProfileTopValue[];
  histogram: ProfileBin[];
}

export interface DatasetProfile {
  rowCount: number;
  columns: ColumnProfile[];
}
