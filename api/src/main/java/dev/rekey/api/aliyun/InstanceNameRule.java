package dev.rekey.api.aliyun;

import java.util.Optional;

/**
 * ModifyInstanceAttribute's InstanceName as the seed (001) states it: 2 to 128 characters, starting with a letter,
 * no spaces and none of {@code @ / : = " < > { [ ] }}. Whitespace and control characters of any kind count as spaces.
 */
final class InstanceNameRule {
    static final String FORBIDDEN = "@/:=\"<>{[]}";

    private InstanceNameRule() {
    }

    /** Why {@code name} breaks the rule, in words that never repeat the name; empty when it is valid. */
    static Optional<String> violation(String name) {
        int length = name.codePointCount(0, name.length());
        if (length < 2 || length > 128) return Optional.of("it must be 2 to 128 characters long.");
        if (!Character.isLetter(name.codePointAt(0))) return Optional.of("it must start with a letter.");
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int c = name.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                return Optional.of("it must not contain spaces.");
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("it must not contain any of the characters @ / : = \" < > { [ ] }.");
            }
        }
        return Optional.empty();
    }
}
