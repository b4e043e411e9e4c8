// Uploads a file to Quarry with the stock tus-js-client: the upload is interrupted after its first chunk and then
// resumed from the offset the server reports. Prints one JSON object per line; TusUploadIT reads them.
// Usage: node tus-upload.mjs <endpoint> <token> <file> <chunkSize> <name>
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as tus from 'tus-js-client';

const [endpoint, token, file, chunkSize, name] = process.argv.slice(2);
const data = readFileSync(file);
const print = (event) => console.log(JSON.stringify(event));

function options(extra) {
  return {
    endpoint,
    chunkSize: Number(chunkSize),
    retryDelays: [],
    headers: { Authorization: `Bearer ${token}` },
    metadata: { filename: basename(file), name },
    ...extra,
  };
}

function firstPart() {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(data, options({
      onChunkComplete: (chunk, accepted) => {
        if (accepted < data.length) {
          upload.abort(false).then(() => resolve({ url: upload.url, accepted }));
        }
      },
      onSuccess: () => reject(new Error('the upload finished before it could be interrupted')),
      onError: reject,
    }));
    upload.start();
  });
}

function resume(url) {
  return new Promise((resolve, reject) => {
    let firstOffset = -1;
    const upload = new tus.Upload(data, options({
      uploadUrl: url,
      onProgress: (sent) => {
        if (firstOffset < 0) {
          firstOffset = sent;
        }
      },
      onSuccess: () => resolve({ url: upload.url, firstOffset }),
      onError: reject,
    }));
    upload.start();
  });
}

try {
  const interrupted = await firstPart();
  print({ event: 'interrupted', url: interrupted.url, offset: interrupted.accepted });
  const done = await resume(interrupted.url);
  print({ event: 'success', url: done.url, size: data.length });
} catch (error) {
  print({ event: 'error', message: String(error && error.message ? error.message : error) });
  process.exit(1);
}
