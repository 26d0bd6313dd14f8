package evidence

import "slices"

// The fixed words of the model. Each type is listed once, here, with a list
// function; flags, flow files, the JSON schema's enums (reports/report.schema.json,
// checked by a test) and the report writers read these lists rather than
// repeating the strings. Each type is a string type, so report.json is
// unchanged and an untyped constant such as "cart" still compares.

// Family is a detector family: the fixed vocabulary of report-schema.md.
type Family string

// Families, in report-schema.md order.
const (
	FamilyPreticked          Family = "preticked"
	FamilySneakIntoBasket    Family = "sneak-into-basket"
	FamilyRecurring          Family = "recurring"
	FamilyContact            Family = "contact"
	FamilyCancellation       Family = "cancellation"
	FamilyConfirmshaming     Family = "confirmshaming"
	FamilyUrgency            Family = "urgency"
	FamilyScarcity           Family = "scarcity"
	FamilySocialProof        Family = "social-proof"
	FamilyDripPricing        Family = "drip-pricing"
	FamilyOrderButton        Family = "order-button"
	FamilyForcedAction       Family = "forced-action"
	FamilyConsent            Family = "consent"
	FamilyNagging            Family = "nagging"
	FamilyTrickQuestion      Family = "trick-question"
	FamilyVisualInterference Family = "visual-interference"
)

// Families lists every family in report-schema.md order.
func Families() []Family {
	return []Family{FamilyPreticked, FamilySneakIntoBasket, FamilyRecurring, FamilyContact,
		FamilyCancellation, FamilyConfirmshaming, FamilyUrgency, FamilyScarcity, FamilySocialProof,
		FamilyDripPricing, FamilyOrderButton, FamilyForcedAction, FamilyConsent, FamilyNagging,
		FamilyTrickQuestion, FamilyVisualInterference}
}

// Valid reports whether f is one of Families.
func (f Family) Valid() bool { return slices.Contains(Families(), f) }

// JourneyKind is what a journey walks towards (DESIGN.md, Journeys).
type JourneyKind string

// Journey kinds.
const (
	JourneyCheckout    JourneyKind = "checkout"
	JourneySignup      JourneyKind = "signup"
	JourneyCancel      JourneyKind = "cancel"
	JourneyUnsubscribe JourneyKind = "unsubscribe"
	JourneyContact     JourneyKind = "contact"
	JourneyExplore     JourneyKind = "explore"
	JourneyScripted    JourneyKind = "scripted"
)

// JourneyKinds lists every journey kind in report-schema.md order.
func JourneyKinds() []JourneyKind {
	return []JourneyKind{JourneyCheckout, JourneySignup, JourneyCancel, JourneyUnsubscribe,
		JourneyContact, JourneyExplore, JourneyScripted}
}

// Valid reports whether k is one of JourneyKinds.
func (k JourneyKind) Valid() bool { return slices.Contains(JourneyKinds(), k) }

// PageKind is the crawler's classification of a page.
type PageKind string

// Page kinds.
const (
	PageHome     PageKind = "home"
	PageProduct  PageKind = "product"
	PageCart     PageKind = "cart"
	PageCheckout PageKind = "checkout"
	PageSignup   PageKind = "signup"
	PagePricing  PageKind = "pricing"
	PageLogin    PageKind = "login"
	PageAccount  PageKind = "account"
	PageCancel   PageKind = "cancel"
	PageContact  PageKind = "contact"
	PageHelp     PageKind = "help"
	PageTerms    PageKind = "terms"
	PageOther    PageKind = "other"
)

// PageKinds lists every page kind, PageOther last.
func PageKinds() []PageKind {
	return []PageKind{PageHome, PageProduct, PageCart, PageCheckout, PageSignup, PagePricing,
		PageLogin, PageAccount, PageCancel, PageContact, PageHelp, PageTerms, PageOther}
}

// Valid reports whether k is one of PageKinds.
func (k PageKind) Valid() bool { return slices.Contains(PageKinds(), k) }

// ActionType is what the crawler did to reach a step.
type ActionType string

// Action types.
const (
	ActionGoto    ActionType = "goto"
	ActionClick   ActionType = "click"
	ActionFill    ActionType = "fill"
	ActionSelect  ActionType = "select"
	ActionCheck   ActionType = "check"
	ActionUncheck ActionType = "uncheck"
	ActionReload  ActionType = "reload"
	ActionWait    ActionType = "wait"
	ActionBack    ActionType = "back"
	ActionDismiss ActionType = "dismiss"
	// ActionSnapshot is a flow file's explicit "snapshot" step: nothing done,
	// the page recorded again.
	ActionSnapshot ActionType = "snapshot"
)

// ActionTypes lists every action type.
func ActionTypes() []ActionType {
	return []ActionType{ActionGoto, ActionClick, ActionFill, ActionSelect, ActionCheck, ActionUncheck,
		ActionReload, ActionWait, ActionBack, ActionDismiss, ActionSnapshot}
}

// Valid reports whether t is one of ActionTypes.
func (t ActionType) Valid() bool { return slices.Contains(ActionTypes(), t) }
