import type { Column, SortKey } from '../../api/types';

interface Props {
  columns: Column[];
  sort: SortKey[];
  onChange: (sort: SortKey[]) => void;
}

/** The sort as buttons, and a picker to add a key: the keyboard way to what header clicks do. */
export function SortControls({ columns, sort, onChange }: Props) {
  const label = (name: string) => columns.find((column) => column.name === name)?.label || name;
  const unused = columns.filter((column) => !sort.some((key) => key.column === column.name));
  return (
    <div className="toolbar" role="group" aria-label="Sort">
      {sort.map((key, rank) => (
        <span key={key.column} className="status">
          <button
            type="button"
            className="link"
            onClick={() =>
              onChange(sort.map((k) => (k.column === key.column ? { ...k, descending: !k.descending } : k)))
            }
            aria-label={`Sort key ${rank + 1}: ${label(key.column)}, ${key.descending ? 'descending' : 'ascending'}. Reverse`}
          >
            {label(key.column)} {key.descending ? '↓' : '↑'}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => onChange(sort.filter((k) => k.column !== key.column))}
            aria-label={`Stop sorting by ${label(key.column)}`}
          >
            ×
          </button>
        </span>
      ))}
      {unused.length > 0 && (
        <select
          aria-label={sort.length === 0 ? 'Sort by column' : 'Then sort by column'}
          value=""
          onChange={(event) => {
            if (event.target.value !== '') {
              onChange([...sort, { column: event.target.value, descending: false }]);
            }
          }}
        >
          <option value="">{sort.length === 0 ? 'Sort by…' : 'Then by…'}</option>
          {unused.map((column) => (
            <option key={column.name} value={column.name}>
              {column.label || column.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
