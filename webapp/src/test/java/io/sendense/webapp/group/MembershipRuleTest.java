package io.sendense.webapp.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.Refusal;
import org.junit.jupiter.api.Test;

class MembershipRuleTest {
  @Test
  void namePatternIsACaseInsensitiveGlob() {
    MembershipRule rule = MembershipRule.parse("name:web-*");
    assertTrue(rule.matches("WEB-01", null, null));
    assertFalse(rule.matches("db-web-01", null, null));
    assertTrue(MembershipRule.parse("name: DC0_H0_VM? ").matches("DC0_H0_VM1", null, null));
    assertFalse(MembershipRule.parse("name:a.b").matches("axb", null, null));
  }

  @Test
  void folderTakesSubfoldersButNotLookAlikes() {
    MembershipRule rule = MembershipRule.parse("folder:/DC0/vm/prod/");
    assertTrue(rule.matches("x", "/DC0/vm/prod", null));
    assertTrue(rule.matches("x", "/DC0/vm/prod/web", null));
    assertFalse(rule.matches("x", "/DC0/vm/production", null));
  }

  @Test
  void tagMatchesOneOfTheTags() {
    MembershipRule rule = MembershipRule.parse("TAG:gold");
    assertTrue(rule.matches("x", null, "silver, Gold"));
    assertFalse(rule.matches("x", null, "golden"));
    assertEquals("tag:gold", rule.text());
  }

  @Test
  void blankIsNoRuleAndNonsenseIsRefused() {
    assertNull(MembershipRule.parse(" "));
    Refusal refusal = assertThrows(Refusal.class, () -> MembershipRule.parse("color:red"));
    assertEquals(400, refusal.status());
    assertTrue(refusal.getMessage().contains("name:<pattern>"));
    assertThrows(Refusal.class, () -> MembershipRule.parse("name:"));
  }
}
