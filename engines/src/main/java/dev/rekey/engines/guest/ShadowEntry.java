package dev.rekey.engines.guest;

/**
 * One line of a shadow file: the user, the password hash field, and the remaining fields as written
 * ({@code lastchg:min:max:warn:inactive:expire:reserved}). {@code toString()} leaves the hash out: a hash is
 * material for offline guessing.
 */
public record ShadowEntry(String user, String hash, String otherFields) {

    static ShadowEntry parse(String line) {
        String[] fields = line.split(":", 3);
        return new ShadowEntry(fields[0], fields.length > 1 ? fields[1] : "", fields.length > 2 ? fields[2] : "");
    }

    @Override
    public String toString() {
        return "ShadowEntry[user=" + user + ", hash=redacted, otherFields=" + otherFields + "]";
    }
}
