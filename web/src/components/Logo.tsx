export function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="var(--accent)" />
      <path d="M8 22 16 8l8 14z" fill="var(--surface)" />
    </svg>
  );
}
