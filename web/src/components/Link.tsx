import type { ReactNode } from 'react';
import { useLinkHandler } from '../lib/useRoute';

interface Props {
  href: string;
  children: ReactNode;
  className?: string;
  current?: boolean;
}

/** An in-app link: a real <a href> (new tabs, copy link) that navigates without a reload. */
export function Link({ href, children, className, current }: Props) {
  const onClick = useLinkHandler();
  return (
    <a href={href} className={className} onClick={onClick} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
