import type { Column } from '../../api/types';

interface Props {
  columns: Column[];
  disabled?: boolean;
  title?: string;
  onPick: (column: string) => void;
}

/** "Filter by…": the keyboard way to what a column header's menu does. */
export function FilterPicker({ columns, disabled, title, onPick }: Props) {
  return (
    <select
      aria-label="Filter by column"
      value=""
      disabled={disabled}
      title={title}
      onChange={(event) => {
        if (event.target.value !== '') {
          onPick(event.target.value);
        }
      }}
    >
      <option value="">Filter by…</option>
      {columns.map((column) => (
        <option key={column.name} value={column.name}>
          {column.label || column.name}
        </option>
      ))}
    </select>
  );
}
