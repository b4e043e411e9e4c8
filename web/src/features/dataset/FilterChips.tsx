import type { Column } from '../../api/types';
import { describeFilter, type ColumnFilter } from '../../lib/columnFilters';

interface Props {
  filters: ColumnFilter[];
  columns: Column[];
  onEdit: (column: string) => void;
  onRemove: (column: string) => void;
  onClear: () => void;
}

/** The active column filters as chips: click one to change it, × to remove it. */
export function FilterChips({ filters, columns, onEdit, onRemove, onClear }: Props) {
  if (filters.length === 0) {
    return null;
  }
  const label = (name: string) => columns.find((column) => column.name === name)?.label || name;
  return (
    <ul className="chips" aria-label="Active filters">
      {filters.map((filter) => {
        const words = describeFilter(filter, label(filter.column));
        return (
          <li key={filter.column} className="chip" data-column={filter.column}>
            <button type="button" className="link" onClick={() => onEdit(filter.column)}>
              {words}
            </button>
            <button
              type="button"
              className="link"
              onClick={() => onRemove(filter.column)}
              aria-label={`Remove filter: ${words}`}
            >
              ×
            </button>
          </li>
        );
      })}
      {filters.length > 1 && (
        <li>
          <button type="button" className="link" onClick={onClear}>
            Clear all filters
          </button>
        </li>
      )}
    </ul>
  );
}
