package io.connectionhealth.base.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Refuses API request bodies over 16 MiB with 413: at once when Content-Length says so, and while reading
 * when the body is chunked, so that no oversized body is ever buffered whole. Decodes a body sent with
 * {@code Content-Encoding: gzip} (a batch of calls is a sixth of its size so, or less), with the same limit on what it
 * decodes to, so a small body cannot unpack into an unbounded one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            request.setAttribute("org.apache.catalina.connector.RESPONSE_CLOSE", Boolean.TRUE);
            Problems.write(response, 413, "Payload Too Large",
                    Problems.tooLarge("The request body is larger than 16 MiB", request.getRequestURI()),
                    request.getRequestURI());
            return;
        }
        String encoding = encoding(request);
        String declared = request.getCharacterEncoding();
        String foreign = isUtf8(declared) ? null : declared;
        chain.doFilter(encoding.isEmpty() ? new LimitedRequest(request, foreign)
                        : new DecodedRequest(request, encoding, foreign),
                response);
    }

    /**
     * JSON is UTF-8 (RFC 8259), which is checked (ASCII is UTF-8 too). A body declaring another charset is taken only
     * while it is ASCII: the parser decoded windows-1252 or UTF-16 with replacement characters, so two different call
     * ids became one, the second dropped as a duplicate (an audit); an old client's ISO-8859-1 label on ASCII is fine.
     */
    /**
     * A label under which ASCII bytes are ASCII text, as in UTF-8; not UTF-16 (its bytes are not characters) nor a
     * stateful one such as ISO-2022-JP (ASCII escape sequences switch its meaning).
     */
    private static boolean asciiCompatible(String charset) {
        String label = charset.strip().toLowerCase(java.util.Locale.ROOT);
        return label.startsWith("iso-8859-") || label.startsWith("iso8859") || label.startsWith("windows-125")
                || label.startsWith("cp125") || label.equals("latin1") || label.equals("ascii");
    }

    private static boolean isUtf8(String charset) {
        return charset == null || charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8")
                || charset.equalsIgnoreCase("US-ASCII");
    }

    /**
     * The codings applied to the body, in order, "identity" left out, as one value: every Content-Encoding header
     * counts, as does every comma-separated coding in one (HTTP takes both forms as the same list).
     */
    private static String encoding(HttpServletRequest request) {
        List<String> codings = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            for (String coding : header.split(",")) {
                if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
                    codings.add(coding.strip());
                }
            }
        }
        return String.join(", ", codings);
    }

    /**
     * The request as the parser sees it: UTF-8, whatever charset was declared, since the body is checked to be UTF-8
     * (or, under an ASCII-compatible label, ASCII, which reads the same). Spring decoded by the header's last charset
     * parameter while Tomcat reported its first ({@code charset=utf-8, text/plain; charset=windows-1252}), and a
     * stateful charset made different bytes one text (ISO-2022-JP): two call ids became one again (an audit).
     */
    private abstract static class Utf8Request extends HttpServletRequestWrapper {

        Utf8Request(HttpServletRequest request) {
            super(request);
        }

        private static String utf8(String contentType) {
            return contentType == null ? null
                    : contentType.replaceAll("(?i)(charset\\s*=\\s*)(\"[^\"]*\"|[^;,\\s]*)", "$1UTF-8");
        }

        @Override
        public String getCharacterEncoding() {
            return super.getCharacterEncoding() == null ? null : "UTF-8";
        }

        @Override
        public String getContentType() {
            return utf8(super.getContentType());
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? utf8(super.getHeader(name)) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                    ? Collections.enumeration(Collections.list(super.getHeaders(name)).stream().map(Utf8Request::utf8).toList())
                    : super.getHeaders(name);
        }
    }

    private static final class LimitedRequest extends Utf8Request {
        private final String foreign;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, String foreign) {
            super(request);
            this.foreign = foreign;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), "", true, foreign);
            }
            return stream;
        }
    }

    /** A request whose body is read decoded; its length is then unknown. */
    private static final class DecodedRequest extends Utf8Request {
        private final String encoding;
        private final String foreign;
        private ServletInputStream stream;

        DecodedRequest(HttpServletRequest request, String encoding, String foreign) {
            super(request);
            this.encoding = encoding;
            this.foreign = foreign;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(new GzipStream(new LimitedStream(super.getInputStream(), "", false, null),
                        encoding), " once decompressed", true, foreign);
            }
            return stream;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) || HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name)
                    ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) || HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name)
                    ? Collections.emptyEnumeration() : super.getHeaders(name);
        }
    }

    /**
     * The body gunzipped; an encoding other than gzip fails the first read, so a request that has no body to read
     * (a GET that names an encoding) is not refused for it. An empty body stays empty.
     */
    private static final class GzipStream extends ServletInputStream {
        private final PushbackInputStream raw;
        private final String encoding;
        private InputStream decoded;
        private boolean finished;

        GzipStream(InputStream raw, String encoding) {
            this.raw = new PushbackInputStream(raw, 1);
            this.encoding = encoding;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (finished) {
                return -1;
            }
            try {
                if (decoded == null && (decoded = open()) == null) {
                    finished = true;
                    return -1;
                }
                int n = decoded.read(buffer, offset, length);
                finished = n < 0;
                return n;
            } catch (ZipException | EOFException broken) {
                throw new BodyEncodingException("body", "is not valid gzip", "The request body is sent with "
                        + "Content-Encoding: gzip but is not valid gzip (" + (broken.getMessage() != null ? broken.getMessage()
                        : broken instanceof EOFException ? "it ends early" : broken.getClass().getSimpleName()) + ")");
            }
        }

        /** The decoding stream, or null for an empty body. */
        private InputStream open() throws IOException {
            if (!encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("x-gzip")) {
                throw new BodyEncodingException("Content-Encoding", "must be gzip or identity", "Content-Encoding '"
                        + encoding + "' is not accepted; send the body uncompressed or with Content-Encoding: gzip");
            }
            int first = raw.read();
            if (first < 0) {
                return null;
            }
            raw.unread(first);
            return new GZIPInputStream(raw, 16 * 1024);
        }

        @Override
        public void close() throws IOException {
            if (decoded != null) {
                decoded.close(); // frees the inflater's native memory now, not at a garbage collection
            }
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("A compressed body is read blocking only");
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final InputStream delegate;
        private final String qualifier;
        private final Utf8Check utf8;
        private long read;
        private boolean finished;

        /**
         * The charset the request declared if not UTF-8: only ASCII is taken in it, which every charset a client
         * labels JSON with reads alike (or, as UTF-16, without a byte outside ASCII, without loss).
         */
        private final String foreign;

        private final boolean asciiCompatible;

        LimitedStream(InputStream delegate, String qualifier, boolean checkUtf8, String foreign) {
            this.delegate = delegate;
            this.foreign = foreign;
            this.asciiCompatible = foreign != null && asciiCompatible(foreign);
            this.qualifier = qualifier;
            this.utf8 = checkUtf8 ? new Utf8Check() : null;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
                check(new byte[]{(byte) b}, 0, 1);
            } else {
                ended();
            }
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                check(buffer, offset, n);
            } else if (n < 0) {
                ended();
            }
            finished = n < 0;
            return n;
        }

        private void check(byte[] buffer, int offset, int n) throws BodyEncodingException {
            for (int i = offset; foreign != null && i < offset + n; i++) {
                if (buffer[i] < 0 || !asciiCompatible) {
                    throw new BodyEncodingException("Content-Type", "must declare charset=utf-8 or none", "The body "
                            + "is declared as charset=" + io.connectionhealth.base.ValidationException.clip(foreign)
                            + (asciiCompatible ? " and its byte at offset " + (read - n + i - offset) + " is not ASCII"
                            : ", which is not read as UTF-8") + "; JSON is UTF-8 (RFC 8259): send it as UTF-8, with "
                            + "charset=utf-8 or no charset");
                }
            }
            int bad = utf8 == null ? -1 : utf8.check(buffer, offset, n);
            if (bad >= 0) {
                throw new BodyEncodingException("body", "is not valid UTF-8", "The body is not valid UTF-8, as JSON "
                        + "must be: the byte at offset " + (utf8.position() + bad - offset) + " (0x"
                        + java.util.HexFormat.of().withUpperCase().toHexDigits(buffer[bad]) + ") breaks it");
            }
        }

        private void ended() throws BodyEncodingException {
            if (utf8 != null && !utf8.complete()) {
                throw new BodyEncodingException("body", "is not valid UTF-8", "The body is not valid UTF-8, as JSON "
                        + "must be: it ends inside a character");
            }
        }

        /** Closes what it decodes (the inflater's native memory); the container's own stream is the container's. */
        @Override
        public void close() throws IOException {
            if (!(delegate instanceof ServletInputStream) || delegate instanceof GzipStream) {
                delegate.close();
            }
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BODY_BYTES) {
                throw new PayloadTooLargeException(MAX_BODY_BYTES, qualifier);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate instanceof ServletInputStream servlet ? servlet.isFinished() : finished;
        }

        @Override
        public boolean isReady() {
            return !(delegate instanceof ServletInputStream servlet) || servlet.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            if (!(delegate instanceof ServletInputStream servlet)) {
                throw new IllegalStateException("A compressed body is read blocking only");
            }
            servlet.setReadListener(listener);
        }
    }
}
