package dev.lbguard.source.haproxy;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of an HAProxy configuration split into words as HAProxy's {@code parse_line} does: blanks separate
 * words, {@code #} starts a comment, a backslash escapes the next character, double quotes group (with
 * escapes), single quotes group literally.
 *
 * @param number the 1-based line number
 * @param words the words, unquoted and unescaped
 * @param environment true when a word uses an environment variable ({@code $NAME} or {@code ${NAME}}), whose
 *                    value lbguard cannot know
 * @param error a tokenizing problem such as an unterminated quote, {@code ""} when none
 */
record ConfigLine(int number, List<String> words, boolean environment, String error) {
    ConfigLine {
        words = List.copyOf(words);
    }

    String keyword() {
        return words.isEmpty() ? "" : words.get(0);
    }

    String word(int i) {
        return i < words.size() ? words.get(i) : "";
    }

    /** The lines of a file that hold words; blank and comment-only lines are left out. */
    static List<ConfigLine> split(String content) {
        List<ConfigLine> out = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            ConfigLine l = tokenize(i + 1, lines[i]);
            if (!l.words().isEmpty() || !l.error().isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    static ConfigLine tokenize(int number, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean env = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
                continue;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                if (n == 'x' && i + 2 < text.length()) {
                    try {
                        w.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    } catch (NumberFormatException e) {
                        w.append(n);
                    }
                } else {
                    w.append(switch (n) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> n;
                    });
                }
                inWord = true;
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    env |= c == '$' && isEnvStart(text, i);
                    w.append(c);
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '#') {
                break;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                env |= c == '$' && isEnvStart(text, i);
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        String error = quote != 0 ? "unterminated " + (quote == '"' ? "double" : "single") + " quote" : "";
        return new ConfigLine(number, words, env, error);
    }

    private static boolean isEnvStart(String text, int i) {
        return i + 1 < text.length() && (text.charAt(i + 1) == '{' || Character.isLetter(text.charAt(i + 1))
                || text.charAt(i + 1) == '_');
    }
}
