// URIs as keys. Clients may spell the same file differently (`c%3A` vs `c:`), so every
// URI is normalised through vscode-uri before it is used as a key of the model.
import { URI } from 'vscode-uri';

/** The canonical spelling of a URI (unparsable strings are kept as they are). */
export function canonicalUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/** The file-system path of a `file:` URI, or undefined for other schemes. */
export function uriToFsPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export function isDrspecUri(uri: string): boolean {
  return /\.drspec$/i.test(uri.split(/[?#]/)[0]);
}

/** True when `uri` is `folder` itself or lies below it. */
export function isUnder(uri: string, folder: string): boolean {
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  return uri === folder || uri.startsWith(base);
}

/** The last path segment, for labels such as a symbol's container. */
export function baseName(uri: string): string {
  const path = uri.split(/[?#]/)[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
