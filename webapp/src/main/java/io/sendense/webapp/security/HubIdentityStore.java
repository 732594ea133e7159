package io.sendense.webapp.security;

import io.sendense.webapp.user.Account;
import io.sendense.webapp.user.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;

/** Validates passwords and API tokens against the users table. */
@ApplicationScoped
public class HubIdentityStore implements IdentityStore {
  @Inject AccountService accounts;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    Optional<Account> account = Optional.empty();
    if (credential instanceof UsernamePasswordCredential password) {
      account = accounts.authenticate(password.getCaller(), password.getPassword().getValue());
    } else if (credential instanceof BearerTokenCredential bearer) {
      account = accounts.authenticateToken(bearer.token());
    } else {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return account
        .map(a -> new CredentialValidationResult(a.username(), a.roles()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
