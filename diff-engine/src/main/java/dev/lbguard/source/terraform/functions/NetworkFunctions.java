package dev.lbguard.source.terraform.functions;

import static dev.lbguard.source.terraform.functions.Functions.Registry.VARIADIC;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cidrhost}, {@code cidrsubnet}, {@code cidrsubnets} and {@code cidrnetmask}, computed as Terraform's go-cidr
 * does on addresses held as integers. Addresses print as Go prints them (IPv6 compressed, lower case).
 */
final class NetworkFunctions {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private NetworkFunctions() {
    }

    /** A network: its masked address, prefix length and address size in bits (32 or 128). */
    record Network(BigInteger address, int prefix, int bits) {
        BigInteger hostMask() {
            return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        }

        BigInteger last() {
            return address.or(hostMask());
        }

        boolean contains(BigInteger a) {
            return a.compareTo(address) >= 0 && a.compareTo(last()) <= 0;
        }

        Network withPrefix(BigInteger a, int newPrefix) {
            BigInteger hosts = BigInteger.ONE.shiftLeft(bits - newPrefix).subtract(BigInteger.ONE);
            return new Network(a.andNot(hosts), newPrefix, bits);
        }

        @Override
        public String toString() {
            return formatAddress(address, bits) + "/" + prefix;
        }
    }

    static void register(Functions.Registry r) {
        r.strict("cidrhost", 2, 2, args -> {
            Network n = parse(Convert.string(args.get(0), "prefix"));
            BigInteger host = Convert.number(args.get(1), "hostnum").toBigInteger();
            BigInteger max = n.hostMask();
            BigInteger effective = host.signum() < 0 ? max.add(host).add(BigInteger.ONE) : host;
            if (effective.signum() < 0 || effective.compareTo(max) > 0) {
                throw new EvalException("prefix of " + n.prefix() + " does not accommodate a host numbered " + host);
            }
            return new Value.Str(formatAddress(n.address().or(effective), n.bits()));
        });
        r.strict("cidrsubnet", 3, 3, args -> {
            Network n = parse(Convert.string(args.get(0), "prefix"));
            int newbits = Convert.integer(args.get(1), "newbits");
            BigInteger netnum = Convert.number(args.get(2), "netnum").toBigInteger();
            if (newbits > 32) {
                throw new EvalException("may not extend prefix by more than 32 bits");
            }
            int prefix = n.prefix() + newbits;
            if (prefix > n.bits()) {
                throw new EvalException("insufficient address space to extend prefix of " + n.prefix() + " by "
                        + newbits);
            }
            if (netnum.signum() < 0 || netnum.bitLength() > newbits) {
                throw new EvalException("prefix extension of " + newbits + " does not accommodate a subnet numbered "
                        + netnum);
            }
            return new Value.Str(new Network(n.address().or(netnum.shiftLeft(n.bits() - prefix)), prefix, n.bits())
                    .toString());
        });
        r.strict("cidrsubnets", 1, VARIADIC, NetworkFunctions::cidrsubnets);
        r.strict("cidrnetmask", 1, 1, args -> {
            Network n = parse(Convert.string(args.get(0), "prefix"));
            if (n.bits() != 32) {
                throw new EvalException("IPv6 addresses cannot have a netmask: " + n);
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE).andNot(n.hostMask());
            return new Value.Str(formatAddress(mask, 32));
        });
    }

    private static Value cidrsubnets(List<Value> args) throws EvalException {
        Network network = parse(Convert.string(args.get(0), "prefix"));
        List<Value> out = new ArrayList<>();
        if (args.size() == 1) {
            return Value.Values.list(out);
        }
        BigInteger modulus = BigInteger.ONE.shiftLeft(network.bits());
        int first = network.prefix() + Convert.integer(args.get(1), "newbits");
        // go-cidr starts from the subnet just before the network, then steps with NextSubnet.
        Network current = network.withPrefix(network.address().subtract(BigInteger.ONE).mod(modulus),
                Math.min(first, network.bits()));
        for (int i = 1; i < args.size(); i++) {
            int extension = Convert.integer(args.get(i), "newbits");
            if (extension < 1) {
                throw new EvalException("must extend prefix by at least one bit");
            }
            if (extension > 32) {
                throw new EvalException("may not extend prefix by more than 32 bits");
            }
            int length = network.prefix() + extension;
            if (length > network.bits()) {
                throw new EvalException("would extend prefix to " + length + " bits, which is too long for an "
                        + (network.bits() == 32 ? "IPv4" : "IPv6") + " address");
            }
            Network masked = current.withPrefix(current.last(), length);
            BigInteger nextStart = masked.last().add(BigInteger.ONE);
            boolean rollover = nextStart.equals(modulus);
            Network next = current.withPrefix(nextStart.mod(modulus), length);
            if (rollover || !network.contains(next.address())) {
                throw new EvalException("not enough remaining address space for a subnet with a prefix of " + length
                        + " bits after " + current);
            }
            current = next;
            out.add(new Value.Str(current.toString()));
        }
        return Value.Values.list(out);
    }

    static Network parse(String cidr) throws EvalException {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw invalid(cidr);
        }
        String ip = cidr.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw invalid(cidr);
        }
        byte[] bytes;
        if (IPV4.matcher(ip).matches()) {
            bytes = new byte[4];
            String[] parts = ip.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw invalid(cidr);
                }
                bytes[i] = (byte) octet;
            }
        } else if (ip.contains(":") && IPV6.matcher(ip).matches()) {
            try {
                // A literal with a colon is parsed, never looked up.
                bytes = InetAddress.getByName(ip).getAddress();
            } catch (UnknownHostException e) {
                throw invalid(cidr);
            }
            if (bytes.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
        } else {
            throw invalid(cidr);
        }
        int bits = bytes.length * 8;
        if (prefix < 0 || prefix > bits || cidr.substring(slash + 1).startsWith("+")) {
            throw invalid(cidr);
        }
        Network n = new Network(new BigInteger(1, bytes), prefix, bits);
        return n.withPrefix(n.address(), prefix);
    }

    private static EvalException invalid(String cidr) {
        return new EvalException("invalid CIDR expression: invalid CIDR address: " + cidr);
    }

    /** Go's net.IP String: dotted quad, or RFC 5952 IPv6 with the first longest run of zero groups as "::". */
    static String formatAddress(BigInteger address, int bits) {
        if (bits == 32) {
            long v = address.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
