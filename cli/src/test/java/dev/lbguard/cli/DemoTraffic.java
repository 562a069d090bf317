package dev.lbguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A seeded, gzipped ALB access log of the demo's load balancer ({@code shop-edge-prod}) with known counts per kind
 * of request, in random order, from random clients, with random ids in paths and queries (which reports must never
 * print), plus lines that are no request. Three hours of traffic from 09:00.
 */
final class DemoTraffic {
    static final int API = 3000;
    static final int CHECKOUT = 120;
    static final int CART = 80;
    static final int PAYMENTS = 50;
    static final int PRODUCTS = 300;
    static final int HTTP = 50;
    static final int REQUESTS = API + CHECKOUT + CART + PAYMENTS + PRODUCTS + HTTP;
    static final int UNREADABLE = 4;
    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");

    private DemoTraffic() {
    }

    /** Writes the log to {@code file} (parents created). */
    static Path write(Path file, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> requests = new ArrayList<>();
        add(requests, API, () -> "GET https://api.shop.example.com:443/v1/orders/" + (100000 + random.nextInt(900000))
                + "?token=tok" + random.nextInt(1 << 20));
        add(requests, CHECKOUT, () -> "POST https://shop.example.com:443/checkout/pay?card=4111" + random.nextInt(9999));
        add(requests, CART, () -> "GET https://www.shop.example.com:443/cart/items");
        add(requests, PAYMENTS, () -> "POST https://shop.example.com:443/payments/confirm");
        add(requests, PRODUCTS, () -> "GET https://shop.example.com:443/products/" + random.nextInt(5000));
        add(requests, HTTP, () -> "GET http://shop.example.com:80/");
        Collections.shuffle(requests, random);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Instant at = START.plusMillis(i * 10_800_000L / requests.size());
            String client = "198.51.100." + (1 + random.nextInt(250)) + ":" + (1024 + random.nextInt(60000));
            String request = requests.get(i);
            String type = request.contains("https://") ? "h2" : "http";
            lines.add(type + " " + at + " app/shop-edge-prod/50dc6c495c0c9188 " + client + " 10.0.1.5:8080 0.000 "
                    + String.format(Locale.ROOT, "%.3f", random.nextInt(300) / 1000.0) + " 0.000 200 200 120 1450 \""
                    + request + " HTTP/2.0\" \"Mozilla/5.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2");
        }
        lines.add(97, "not an access log line");
        lines.add(311, "h2 2026-12-06T10:00:00.000000Z app/shop-edge-prod/50dc6c495c0c9188 198.51.100.7:1000 - -1 "
                + "-1 -1 400 - 0 0 \"- - - \" \"-\" - -");
        lines.add(512, "h2 2026-12-06T10:30:00.000000Z app/shop-edge-prod/50dc6c495c0c9188");
        lines.add(733, "\u0000\u0001binary");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static void add(List<String> out, int n, java.util.function.Supplier<String> request) {
        for (int i = 0; i < n; i++) {
            out.add(request.get());
        }
    }
}
