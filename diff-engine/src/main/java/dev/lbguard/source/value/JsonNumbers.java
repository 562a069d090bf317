package dev.lbguard.source.value;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reading JSON that holds Terraform values (tfvars, states, {@code jsondecode}): numbers are exact decimals, as
 * Terraform's are, and a number beyond a decimal's range (an exponent past an int) is bad JSON like any other,
 * not an exception escaping the reader.
 */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /** {@code mapper.readTree(json)}; a number out of range is a {@link JsonParseException} naming it. */
    public static JsonNode readTree(ObjectMapper mapper, byte[] json) throws IOException {
        try {
            return mapper.readTree(json);
        } catch (NumberFormatException e) {
            throw outOfRange(e);
        }
    }

    /** {@code mapper.readTree(json)}; a number out of range is a {@link JsonParseException} naming it. */
    public static JsonNode readTree(ObjectMapper mapper, String json) throws JsonProcessingException {
        try {
            return mapper.readTree(json);
        } catch (NumberFormatException e) {
            throw outOfRange(e);
        }
    }

    private static JsonParseException outOfRange(NumberFormatException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        int quoted = detail.indexOf('"');
        int end = quoted < 0 ? -1 : detail.indexOf('"', quoted + 1);
        String number = end < 0 ? "" : " " + dev.lbguard.source.hcl.HclParser.abbreviated(detail.substring(quoted + 1, end));
        return new JsonParseException((JsonParser) null, "number" + number + " is out of range");
    }
}
