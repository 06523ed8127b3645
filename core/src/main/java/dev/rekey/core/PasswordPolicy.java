package dev.rekey.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The password rules of one product and API version, as data. {@link #violation} names the broken rule in words a
 * user can act on, and never repeats the password or any character of it.
 *
 * @param minClasses how many of the four classes (lowercase, uppercase, digits, specials) must appear
 * @param specials   the exact special characters of the class; any other character breaks the policy
 */
public record PasswordPolicy(String name, int minLength, int maxLength, int minClasses, String specials,
                             boolean forbidLeadingSlash, UserNameRule userNameRule) {

    /** How the password relates to the account name it protects. */
    public enum UserNameRule { NONE, NOT_EQUAL_OR_REVERSED, NOT_CONTAINED_IGNORING_CASE }

    public PasswordPolicy {
        if (minLength < 1 || maxLength < minLength) throw new IllegalArgumentException("bad length range");
        if (minClasses < 1 || minClasses > 4) throw new IllegalArgumentException("bad class count");
    }

    public Optional<String> violation(Secret password) {
        return violation(password, null);
    }

    public Optional<String> violation(Secret password, String userName) {
        String pw = password.reveal();
        int length = password.length();
        if (length < minLength || length > maxLength) {
            return Optional.of("the password must be " + minLength + " to " + maxLength + " characters long");
        }
        if (forbidLeadingSlash && pw.startsWith("/")) {
            return Optional.of("the password must not start with '/'");
        }
        boolean lower = false, upper = false, digit = false, special = false;
        for (int i = 0; i < pw.length(); i++) {
            char c = pw.charAt(i);
            if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if (specials.indexOf(c) >= 0) special = true;
            else return Optional.of("the password may contain only letters, digits and the special characters " + specials);
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0);
        if (classes < minClasses) {
            return Optional.of("the password must contain at least " + minClasses
                    + " of: lowercase letters, uppercase letters, digits, special characters " + specials);
        }
        return userNameViolation(pw, userName);
    }

    private Optional<String> userNameViolation(String pw, String userName) {
        if (userName == null || userName.isEmpty()) return Optional.empty();
        return switch (userNameRule) {
            case NONE -> Optional.empty();
            case NOT_EQUAL_OR_REVERSED -> pw.equals(userName) || pw.equals(new StringBuilder(userName).reverse().toString())
                    ? Optional.of("the password must not be the user name or the user name reversed")
                    : Optional.empty();
            case NOT_CONTAINED_IGNORING_CASE -> pw.toLowerCase(Locale.ROOT).contains(userName.toLowerCase(Locale.ROOT))
                    ? Optional.of("the password must not contain the user name")
                    : Optional.empty();
        };
    }

    /** One line for documentation and `rekey policies`. */
    public String describe() {
        return name + ": " + minLength + "-" + maxLength + " characters, at least " + minClasses
                + " of 4 classes, specials " + specials
                + (forbidLeadingSlash ? ", not starting with '/'" : "")
                + switch (userNameRule) {
                    case NONE -> "";
                    case NOT_EQUAL_OR_REVERSED -> ", not the user name nor it reversed";
                    case NOT_CONTAINED_IGNORING_CASE -> ", not containing the user name";
                };
    }
}
