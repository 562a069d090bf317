package dev.lbguard.diff;

import dev.lbguard.route.ConditionLanguages;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Source addresses as strings, so that {@link Languages} holds them in automata like any other field: a tag
 * ({@code 4} or {@code 6}) then one character per 16-bit chunk, which makes a CIDR block a product of character
 * ranges.
 */
final class SourceIpEncoding {
    private SourceIpEncoding() {
    }

    /** Every encoded address, of either family. */
    static Automaton universe() {
        return Languages.minimal(BasicAutomata.makeChar('4').concatenate(anyChars(2))
                .union(BasicAutomata.makeChar('6').concatenate(anyChars(8))));
    }

    /** The encoded addresses of a block: a product of one character range per 16-bit chunk. */
    static Automaton block(IPAddress block) {
        byte[] lo = block.getLower().getBytes();
        byte[] hi = block.getUpper().getBytes();
        List<Automaton> parts = new ArrayList<>();
        parts.add(BasicAutomata.makeChar(lo.length == 4 ? '4' : '6'));
        for (int i = 0; i < lo.length; i += 2) {
            char l = (char) ((lo[i] & 0xff) << 8 | lo[i + 1] & 0xff);
            char h = (char) ((hi[i] & 0xff) << 8 | hi[i + 1] & 0xff);
            parts.add(BasicAutomata.makeCharRange(l, h));
        }
        return Languages.minimal(BasicOperations.concatenate(parts));
    }

    /** The address an encoded source-ip string stands for. */
    static String decode(String encoded) {
        byte[] bytes = new byte[(encoded.length() - 1) * 2];
        for (int i = 1; i < encoded.length(); i++) {
            bytes[2 * (i - 1)] = (byte) (encoded.charAt(i) >> 8);
            bytes[2 * (i - 1) + 1] = (byte) encoded.charAt(i);
        }
        return encoded.charAt(0) == '4' ? new IPv4Address(bytes).toCanonicalString()
                : new IPv6Address(bytes).toCanonicalString();
    }

    /** The encoding of an address literal, for candidate witnesses. */
    static Optional<String> encode(String address) {
        return ConditionLanguages.sourceIpBlock(address).map(b -> block(b).getShortestExample(true));
    }

    private static Automaton anyChars(int n) {
        return BasicAutomata.makeAnyChar().repeat(n, n);
    }
}
