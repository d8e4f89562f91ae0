package io.atende.sso;

/** Why a sign-in the identity provider vouched for is still refused. */
public enum SsoRefusal {
    /** The account has no single sign-on turned on. */
    NOT_CONFIGURED,
    /** The provider named no e-mail address. */
    EMAIL_MISSING,
    /** The provider says the address is not verified. */
    EMAIL_UNVERIFIED,
    /** The address's domain is not one the account allows. */
    DOMAIN_NOT_ALLOWED,
    /** Nobody of the account has the address, and the account creates no operators. */
    UNKNOWN_OPERATOR,
    /** The operator with the address is deactivated. */
    DEACTIVATED
}
