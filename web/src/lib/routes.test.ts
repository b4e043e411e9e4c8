import { describe, expect, it } from 'vitest';
import { datasetPath, parseRoute } from './useRoute';

describe('parseRoute', () => {
  it('maps paths to screens', () => {
    expect(parseRoute('/')).toEqual({ name: 'datasets' });
    expect(parseRoute('/datasets/')).toEqual({ name: 'datasets' });
    expect(parseRoute('/datasets/a%20b')).toEqual({ name: 'dataset', id: 'a b', tab: 'rows' });
    expect(parseRoute('/datasets/7/rejects')).toEqual({ name: 'dataset', id: '7', tab: 'rejects' });
    expect(parseRoute('/users')).toEqual({ name: 'users' });
    expect(parseRoute('/tokens/')).toEqual({ name: 'tokens' });
    expect(parseRoute('/account')).toEqual({ name: 'account' });
    expect(parseRoute('/nope')).toEqual({ name: 'notFound' });
  });

  it('builds paths that parse back', () => {
    expect(parseRoute(datasetPath('x/y', 'rejects'))).toEqual({ name: 'dataset', id: 'x/y', tab: 'rejects' });
  });
});
