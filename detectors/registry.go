package detectors

import "github.com/darkaudit/darkaudit/evidence"

// All returns every detector darkaudit runs, alphabetical by rule ID. This is
// the one place a new rule is listed.
func All() []Detector {
	return []Detector{
		basketTotalMismatch(),
		preselectedPaidOption(),
		pretickedConsent(),
		pretickedPaidAddon(),
		sneakIntoBasketItem(),
		sneakIntoBasketQuantity(),
	}
}

// rule builds the metadata of a rule, with the citations of its family.
func rule(id string, family evidence.Family, sev evidence.Severity, title, description, help string) evidence.RuleMeta {
	return evidence.RuleMeta{
		ID: id, Family: family, Title: title, Severity: sev,
		Description: description, Help: help, Regulations: Citations(family),
	}
}
