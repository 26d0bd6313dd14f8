package detectors

import "github.com/darkaudit/darkaudit/evidence"

// Families returns every detector family darkaudit runs, alphabetical by
// name. This is the one place a family is listed: `darkaudit rules`, Judge,
// the tests, the bench and the fixture scorer all read it.
func Families() []Family {
	return []Family{
		forcedActionFamily(),
		orderButtonFamily(),
		pretickedFamily(),
		recurringFamily(),
		sneakIntoBasketFamily(),
	}
}

// rule builds the metadata of a rule, with the citations of its family.
func rule(id string, family evidence.Family, sev evidence.Severity, title, description, help string) evidence.RuleMeta {
	return evidence.RuleMeta{
		ID: id, Family: family, Title: title, Severity: sev,
		Description: description, Help: help, Regulations: Citations(family),
	}
}
