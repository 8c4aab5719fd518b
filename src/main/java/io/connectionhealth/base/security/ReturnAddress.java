package io.connectionhealth.base.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.security.web.util.UrlUtils;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a sign-in leads: the address its own tab was sent away from. A session keeps one saved request, so with several
 * tabs sent to sign in (a sign-out, an expired session) the last one's address won, and signing in in any tab opened
 * that page. The redirect to the sign-in page carries it (ReturnAddressFilter), the form posts it back as
 * {@code ?to=}; a local path there is preferred, anything else falls back to the session's saved request.
 */
public final class ReturnAddress implements RequestCache {

    /** The sign-in form's query parameter that carries its tab's address. */
    public static final String PARAMETER = "to";

    private final RequestCache delegate;

    /** {@code to=<the address, encoded>}, to be put on the sign-in page's address or its form's. */
    public static String query(String to) {
        return PARAMETER + "=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    ReturnAddress(RequestCache delegate) {
        this.delegate = delegate;
    }

    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        delegate.saveRequest(request, response);
    }

    @Override
    public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
        String to = local(request.getParameter(PARAMETER));
        if (to == null) {
            return delegate.getRequest(request, response);
        }
        int query = to.indexOf('?');
        return new SimpleSavedRequest(UrlUtils.buildFullRequestUrl(request.getScheme(), request.getServerName(),
                request.getServerPort(), query < 0 ? to : to.substring(0, query),
                query < 0 ? null : to.substring(query + 1)));
    }

    @Override
    public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
        return delegate.getMatchingRequest(request, response);
    }

    @Override
    public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
        delegate.removeRequest(request, response);
    }

    /** The path and query of a saved request's address, to be posted back; null for none. */
    public static String pathOf(SavedRequest saved) {
        if (saved == null) {
            return null;
        }
        try {
            URI uri = URI.create(saved.getRedirectUrl());
            return local(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /**
     * A path on this server, or null: it must start with one slash (not "//" or "/\", which browsers read as another
     * host), hold no control characters and no fragment, and be no longer than an address the session would keep.
     */
    public static String local(String to) {
        if (to == null || to.length() < 1 || to.length() > UiSecurityConfig.MAX_SAVED_ADDRESS || to.charAt(0) != '/'
                || to.startsWith("//") || to.startsWith("/\\") || to.indexOf('#') >= 0) {
            return null;
        }
        for (int i = 0; i < to.length(); i++) {
            char c = to.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\') { // an address as sent is percent-encoded ASCII
                return null;
            }
        }
        return to;
    }
}
