-- Single sign-on with OpenID Connect, one provider per account. client_secret is read and written only by
-- SsoRepository.storeClientSecret / clientSecret, sealed (AES-GCM, base64: room for a 2000-character secret). allowed_domains and new_operator_departments hold
-- comma-separated lists (lower-case domains; department ids).
create table sso_settings (
    account_id               varchar(32)  not null references account (id),
    enabled                  boolean      not null,
    provider_name            varchar(60)  not null,
    issuer                   varchar(500) not null,
    client_id                varchar(255) not null,
    client_secret            varchar(3000),
    allowed_domains          varchar(2000) not null,
    create_operators         boolean      not null,
    new_operator_role        varchar(16)  not null,
    new_operator_departments varchar(2000) not null,
    password_sign_in         boolean      not null,
    trust_provider_second_factor boolean  not null,
    updated_at               timestamp with time zone not null,
    primary key (account_id)
);
