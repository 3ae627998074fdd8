import fs from 'node:fs';
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';

/**
 * Puts the backup's files into a blob container with one Put Blob request each (up to 5 000 MiB a
 * request, far above a year's backup), so no blob SDK is needed. The container URL either carries
 * a SAS (`?sv=…&sig=…`, kept as given) or is reached with a token of `credential` (the managed
 * identity, role "Storage Blob Data Contributor" on the container). Files are sent in the order
 * given: the manifest last, so a manifest in the container means its data file is there.
 */
export async function uploadToContainer(containerUrl: string, files: readonly string[], credential: () => Promise<TokenCredential>): Promise<string[]> {
  const url = new URL(containerUrl);
  const sas = url.searchParams.has('sig');
  const token = sas ? undefined : (await (await credential()).getToken('https://storage.azure.com/.default'))?.token;
  if (!sas && !token) throw new Error('no token for Blob Storage from the managed identity');
  const uploaded: string[] = [];
  for (const file of files) {
    const blob = new URL(url);
    blob.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeURIComponent(path.basename(file))}`;
    const res = await fetch(blob, {
      method: 'PUT',
      headers: {
        'x-ms-version': '2021-08-06',
        'x-ms-blob-type': 'BlockBlob',
        'content-type': file.endsWith('.json') ? 'application/json' : 'application/gzip',
        'content-length': String(fs.statSync(file).size),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: await fs.openAsBlob(file),
    });
    if (res.status !== 201) {
      const code = res.headers.get('x-ms-error-code') ?? (await res.text()).slice(0, 200);
      throw new Error(`Blob Storage answered ${res.status} (${code}) for ${path.basename(file)}`);
    }
    // The blob's address without the SAS: printed, and a SAS is a secret.
    uploaded.push(`${blob.origin}${blob.pathname}`);
  }
  return uploaded;
}
