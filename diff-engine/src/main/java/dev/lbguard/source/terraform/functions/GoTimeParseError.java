package dev.lbguard.source.terraform.functions;

/**
 * Go's {@code time.ParseError}, reduced to what Terraform's messages use, and the sentence Terraform prints for it.
 *
 * @param layoutElem the element of the layout that did not match ({@code 2006}, {@code 15}, {@code Z07:00}, ...),
 *                   or empty
 * @param valueElem the text found there, or empty
 * @param message Go's own wording of the error, which the sentence takes where neither element is given
 */
record GoTimeParseError(String layoutElem, String valueElem, String message) {
    /** The sentence Terraform prints for this error: cty's own where {@code strict}, else Go's. */
    String sentence(boolean strict) {
        String prefix = "not a valid RFC3339 timestamp";
        if (layoutElem().isEmpty() && valueElem().isEmpty() && !message().isEmpty()) {
            return prefix + message();
        }
        String what = switch (layoutElem()) {
            case "2006" -> "year";
            case "01" -> "month";
            case "02" -> "day of month";
            case "15" -> "hour";
            case "04" -> "minute";
            case "05" -> "second";
            case "Z07:00" -> "UTC offset";
            case "T" -> null;
            case ":", "-" -> "";
            default -> "timestamp segment";
        };
        if (what == null) {
            return prefix + ": missing required time introducer 'T'";
        } else if (what.isEmpty()) {
            return prefix + (valueElem().isEmpty()
                    ? ": end of string where " + GoQuote.quote(layoutElem()) + " is expected"
                    : ": found " + GoQuote.quote(valueElem()) + " where " + GoQuote.quote(layoutElem())
                            + " is expected");
        } else if (valueElem().isEmpty()) {
            return prefix + ": end of string before " + what;
        } else if (strict && what.equals("hour") && valueElem().contains(":")) {
            return prefix + ": hour must be between 0 and 23 inclusive";
        } else if (strict && what.equals("hour") && valueElem().length() != 2) {
            return prefix + ": hour must have exactly two digits";
        } else if (strict && what.equals("minute") && valueElem().length() != 2) {
            return prefix + ": minute must have exactly two digits";
        }
        return prefix + ": cannot use " + GoQuote.quote(valueElem()) + " as " + what;
    }
}
