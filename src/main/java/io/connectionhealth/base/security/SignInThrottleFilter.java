package io.connectionhealth.base.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import io.connectionhealth.base.ui.LoginView;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Counts each sign-in before its password is checked, and turns one of a locked username and address back to the
 * form, which says why. Sign-ins a browser marks as sent from another site are refused. Keeps the username tried
 * in the session, so that the form turned back shows it again.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    static final String LOCKED = "locked";

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            response = keepingReturnAddress(request, response);
            HttpSession session = request.getSession(false);
            if (session != null) {
                // an earlier attempt's failure must not speak for this one, whatever ends it (LoginView reads it)
                session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            }
            String site = request.getHeader("Sec-Fetch-Site");
            if (site != null && !"same-origin".equalsIgnoreCase(site.strip())) {
                // a sign-in posted by another site's page (the login form has no CSRF token: Vaadin's own form
                // cannot send one): refused uncounted, so that a page the user visits cannot lock them out
                response.sendRedirect(request.getContextPath() + "/login?error");
                return;
            }
            String username = request.getParameter("username");
            if (username != null && username.length() > SignInThrottle.MAX_USERNAME_LENGTH) {
                response.sendRedirect(request.getContextPath() + "/login?error"); // no such user can exist
                return;
            }
            if (session != null && username != null) {
                // for the form to offer it again if this attempt fails; the page that sent it made the session
                session.setAttribute(LoginView.LAST_USERNAME, username);
            }
            if (!throttle.tryAttempt(username, request.getRemoteAddr())) {
                response.sendRedirect(request.getContextPath() + "/login?error=" + LOCKED);
                return;
            }
            chain.doFilter(request, response);
            HttpSession after = request.getSession(false);
            if (after != null && after.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                    instanceof InternalAuthenticationServiceException) {
                // the password was not checked (the database was unreachable): five such tries during an outage
                // had locked the user out for 15 minutes once it was back; the form says why (LoginView)
                throttle.refund(username, request.getRemoteAddr());
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** A sign-in turned back to the form keeps its tab's address (ReturnAddress) for the next try. */
    private static HttpServletResponse keepingReturnAddress(HttpServletRequest request, HttpServletResponse response) {
        String to = ReturnAddress.local(request.getParameter(ReturnAddress.PARAMETER));
        if (to == null) {
            return response;
        }
        return new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location) throws IOException {
                super.sendRedirect(location.contains("/login?error") ? location + "&" + ReturnAddress.query(to)
                        : location);
            }
        };
    }
}
