package org.eapexplorer.download;

/**
 * What the server publishes about one file before it is fetched.
 *
 * @param size    bytes, or -1 when the server does not say
 * @param sha256  lower-case hex, or null when none is known (Hugging Face publishes it for files kept in Git LFS, as
 *                the {@code X-Linked-Etag} header of the resolve address; the program knows it for the files it ships)
 * @param gitSha1 the git blob SHA-1, lower-case hex, or null (Hugging Face's ETag for a file kept in git)
 */
public record RemoteFile(String name, long size, String sha256, String gitSha1) {

    RemoteFile(String name, long size, String sha256) {
        this(name, size, sha256, null);
    }

    /** The same file, known to have this SHA-256 (which then is what is checked). */
    RemoteFile withSha256(String known) {
        return new RemoteFile(name, size, known, gitSha1);
    }

    /** What a fetch of it checks, as the messages say it: "size and SHA-256", "size only (no checksum published)", … */
    public String checked() {
        String sum = sha256 != null ? "SHA-256" : gitSha1 != null ? "git SHA-1" : null;
        if (size < 0) {
            return sum != null ? sum : "nothing but a complete transfer (no size or checksum published)";
        }
        return sum != null ? "size and " + sum : "size only (no checksum published)";
    }
}
