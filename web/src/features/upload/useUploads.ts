import { useSyncExternalStore } from 'react';
import { uploadStore, type UploadItem } from './uploadStore';

export function useUploads(): UploadItem[] {
  return useSyncExternalStore(uploadStore.subscribe, uploadStore.getSnapshot);
}
