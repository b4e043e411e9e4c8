import { describe, expect, it } from 'vitest';
import type { DetailedError, HttpResponse } from 'tus-js-client';
import { uploadErrorMessage, uploadIdOf } from './uploadStore';

function tusError(status: number, body: string): Error {
  const response = { getStatus: () => status, getBody: () => body } as unknown as HttpResponse;
  const error = new Error('tus: unexpected response') as DetailedError;
  (error as { originalResponse: HttpResponse | null }).originalResponse = response;
  return error;
}

describe('uploadErrorMessage', () => {
  it("shows the server's problem detail", () => {
    const body = JSON.stringify({ status: 413, detail: 'The file is 12 GB; the limit is 10 GB.', code: 'UPLOAD_TOO_LARGE' });
    expect(uploadErrorMessage(tusError(413, body))).toBe('The file is 12 GB; the limit is 10 GB.');
  });

  it('explains a lost session and a network failure without codes', () => {
    expect(uploadErrorMessage(tusError(401, ''))).toBe(
      'Your session has ended. Sign in again, then add the file again to resume.',
    );
    expect(uploadErrorMessage(new Error('tus: failed to upload chunk'))).toMatch(/continue where it left off/);
  });
});

describe('uploadIdOf', () => {
  it('takes the id from an absolute or relative upload URL', () => {
    expect(uploadIdOf('http://127.0.0.1:8000/api/uploads/k3v9tq2mzr8a')).toBe('k3v9tq2mzr8a');
    expect(uploadIdOf('/api/uploads/k3v9tq2mzr8a/')).toBe('k3v9tq2mzr8a');
  });
});
