import { request } from './http';

export const UPLOADS_ENDPOINT = '/api/uploads';

/** The dataset created for a finished tus upload, from its upload URL (absolute or relative). */
export function datasetOfUpload(uploadUrl: string): Promise<{ datasetId: string }> {
  const path = new URL(uploadUrl, window.location.origin).pathname;
  return request<{ datasetId: string }>(path);
}
