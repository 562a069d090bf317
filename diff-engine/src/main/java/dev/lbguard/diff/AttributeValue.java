package dev.lbguard.diff;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value of one attribute of an element, as the resource diff compares it and a report shows it: text, a whole
 * number, a flag, a list, named fields (a query-string pair), absent, or unknown. Reports decide how to write it.
 */
public sealed interface AttributeValue {
    /** The attribute is not set: compared as absent against a set one. */
    AttributeValue ABSENT = new Absent();

    static AttributeValue text(String s) {
        return new Text(s);
    }

    static AttributeValue texts(List<String> items) {
        return new Items(items.stream().map(AttributeValue::text).toList());
    }

    record Absent() implements AttributeValue {
    }

    /**
     * The source sets the attribute but lbguard could not evaluate it: {@code reason} says what it depends on. Equal
     * to another only with the same reason (the same unread input on both sides); a comparison with a known value
     * cannot tell whether it differs.
     */
    record Unknown(String reason) implements AttributeValue {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Text(String value) implements AttributeValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Number(long value) implements AttributeValue {
    }

    record Flag(boolean value) implements AttributeValue {
    }

    record Items(List<AttributeValue> items) implements AttributeValue {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** Named fields in the order they are written. */
    record Fields(Map<String, AttributeValue> fields) implements AttributeValue {
        public Fields {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
