package org.eapexplorer.download;

/**
 * What the server publishes about one file before it is fetched.
 *
 * @param size   bytes, or -1 when the server does not say
 * @param sha256 lower-case hex, or null when the server publishes none (Hugging Face publishes it for
 *               files kept in Git LFS, as the {@code X-Linked-Etag} header)
 */
public record RemoteFile(String name, long size, String sha256) {
}
