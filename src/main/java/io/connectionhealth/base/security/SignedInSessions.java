package io.connectionhealth.base.security;

import com.vaadin.flow.server.VaadinSession;

/** What a signed-in dashboard session remembers of its user's password, so that changing it elsewhere ends it. */
public final class SignedInSessions {

    /** The user's credential stamp ({@code UserAccountService.credentialStamp}) when the session last checked it. */
    static final String STAMP = SignedInSessions.class.getName() + ".credentialStamp";

    private SignedInSessions() {
    }

    /** After the current UI session changed its user's password: it stays signed in, every other session ends. */
    public static void keepCurrent(String newStamp) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null && session.getSession() != null) {
            session.getSession().setAttribute(STAMP, newStamp);
        }
    }
}
