package evidence

import "time"

// Box is an element's border box in CSS pixels, relative to the top-left of
// the full page (not the viewport), so it maps straight onto the full-page
// screenshot.
type Box struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// Empty reports whether the box has no area.
func (b Box) Empty() bool { return b.Width <= 0 || b.Height <= 0 }

// Snapshot is everything recorded about one page at one moment. Detectors can
// only judge what is in here, so capture is generous.
type Snapshot struct {
	URL        string    `json:"url"`
	FinalURL   string    `json:"finalUrl"`
	Title      string    `json:"title"`
	Lang       string    `json:"lang"`
	At         time.Time `json:"at"`
	Viewport   Size      `json:"viewport"`
	PageHeight float64   `json:"pageHeight"`
	// PageKind is the crawler's classification: home, product, cart, checkout,
	// signup, pricing, account, cancel, contact, help, terms, login, other.
	PageKind   PageKind    `json:"pageKind"`
	Screenshot FileRef     `json:"screenshot"`
	HTML       FileRef     `json:"html"`
	Nodes      []Node      `json:"nodes"`
	Controls   []Control   `json:"controls"`
	Clickables []Clickable `json:"clickables"`
	Prices     []Price     `json:"prices"`
	Cart       *Cart       `json:"cart,omitempty"`
	Forms      []Form      `json:"forms,omitempty"`
	// Contacts are the phone numbers, e-mail addresses and postal addresses shown on the page.
	Contacts []ContactDetail `json:"contacts,omitempty"`
	Dialogs  []Dialog        `json:"dialogs,omitempty"`
	Popups   []string        `json:"popups,omitempty"`
	Console  []ConsoleLine   `json:"console,omitempty"`
	Network  []Request       `json:"network,omitempty"`
	// Truncated is set when the page was too large to record whole.
	Truncated bool `json:"truncated,omitempty"`
}

// FileRef names a file in the bundle with its SHA-256.
type FileRef struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Colour is an sRGB colour with alpha in 0..1.
type Colour struct {
	R uint8   `json:"r"`
	G uint8   `json:"g"`
	B uint8   `json:"b"`
	A float64 `json:"a"`
}

// Node is a visible block of text with its computed look.
type Node struct {
	Text       string  `json:"text"`
	Tag        string  `json:"tag"`
	Selector   string  `json:"selector"`
	Box        Box     `json:"box"`
	FontSize   float64 `json:"fontSize"`
	FontWeight int     `json:"fontWeight"`
	Colour     Colour  `json:"colour"`
	// Background is the colour behind the text after blending every ancestor's background.
	Background Colour  `json:"background"`
	Opacity    float64 `json:"opacity"`
	AboveFold  bool    `json:"aboveFold"`
	// HiddenBy says what keeps the text from view until the customer acts:
	// "details" (a collapsed <details>), "tooltip" (a title attribute), "hover",
	// "invisible" (zero opacity or size); empty when it is in plain view.
	HiddenBy string `json:"hiddenBy,omitempty"`
	// Frame is the same-origin iframe's URL, empty for the main document.
	Frame  string `json:"frame,omitempty"`
	Shadow bool   `json:"shadow,omitempty"`
}

// Control kinds.
const (
	ControlCheckbox = "checkbox"
	ControlRadio    = "radio"
	ControlSelect   = "select"
	ControlSwitch   = "switch"
)

// Control is a form control whose state the customer can change.
type Control struct {
	Kind     string `json:"kind"`
	Role     string `json:"role,omitempty"`
	Selector string `json:"selector"`
	Name     string `json:"name,omitempty"`
	Value    string `json:"value,omitempty"`
	// Label is the control's own label (for=, wrapping label, aria-label, aria-labelledby).
	Label string `json:"label"`
	// Nearby is the text around the control when the label alone is thin.
	Nearby string `json:"nearby,omitempty"`
	// CheckedAtFirstPaint is the state recorded on the first paint, before any script timers ran.
	CheckedAtFirstPaint bool `json:"checkedAtFirstPaint"`
	// Checked is the state after the page settled, before darkaudit touched anything.
	Checked bool `json:"checked"`
	// Touched is set when a trusted input event (a click or key by the walker or a
	// flow step) changed the control before this snapshot.
	Touched  bool     `json:"touched,omitempty"`
	Required bool     `json:"required,omitempty"`
	Disabled bool     `json:"disabled,omitempty"`
	Visible  bool     `json:"visible"`
	Options  []Option `json:"options,omitempty"`
	Box      Box      `json:"box"`
	Frame    string   `json:"frame,omitempty"`
	Shadow   bool     `json:"shadow,omitempty"`
	// Prices are the prices found in Label and Nearby.
	Prices []Price `json:"prices,omitempty"`
}

// Option is one <option> of a select.
type Option struct {
	Value                string  `json:"value"`
	Text                 string  `json:"text"`
	Selected             bool    `json:"selected"`
	SelectedAtFirstPaint bool    `json:"selectedAtFirstPaint"`
	Prices               []Price `json:"prices,omitempty"`
}

// Clickable is a link or button: the walker's menu and the evidence for asymmetric choices.
type Clickable struct {
	Tag        string  `json:"tag"`
	Role       string  `json:"role,omitempty"`
	Name       string  `json:"name"`
	Selector   string  `json:"selector"`
	Href       string  `json:"href,omitempty"`
	Box        Box     `json:"box"`
	Visible    bool    `json:"visible"`
	Enabled    bool    `json:"enabled"`
	FontSize   float64 `json:"fontSize"`
	FontWeight int     `json:"fontWeight"`
	Colour     Colour  `json:"colour"`
	Background Colour  `json:"background"`
	// Filled is true for a button-like control with an opaque background of its own.
	Filled bool `json:"filled"`
	// Region is where the element sits: header, nav, footer, main, dialog, aside.
	Region string `json:"region,omitempty"`
	Frame  string `json:"frame,omitempty"`
	Shadow bool   `json:"shadow,omitempty"`
}

// Billing periods of a price.
const (
	PeriodOnce  = ""
	PeriodDay   = "day"
	PeriodWeek  = "week"
	PeriodMonth = "month"
	PeriodYear  = "year"
)

// Price is a money amount found in text.
type Price struct {
	Text     string  `json:"text"`
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
	// Period is the billing period, empty for a one-off amount.
	Period   string `json:"period,omitempty"`
	Selector string `json:"selector,omitempty"`
	Box      *Box   `json:"box,omitempty"`
}

// Cart is what a cart, checkout or order summary shows.
type Cart struct {
	Lines    []CartLine `json:"lines"`
	Subtotal *Price     `json:"subtotal,omitempty"`
	Total    *Price     `json:"total,omitempty"`
}

// CartLine is one line of a cart: a product, or a charge such as shipping or a fee.
type CartLine struct {
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
	Price    *Price `json:"price,omitempty"`
	// Charge is set for lines that are fees, shipping, taxes or discounts rather than products.
	Charge   bool   `json:"charge,omitempty"`
	Selector string `json:"selector,omitempty"`
	Box      Box    `json:"box"`
}

// Form is a form on the page with its fields, for the walker and the forced-action checks.
type Form struct {
	Selector string      `json:"selector"`
	Action   string      `json:"action,omitempty"`
	Method   string      `json:"method,omitempty"`
	Fields   []FormField `json:"fields"`
}

// FormField is an input of a form.
type FormField struct {
	Selector     string `json:"selector"`
	Type         string `json:"type"`
	Name         string `json:"name,omitempty"`
	Label        string `json:"label,omitempty"`
	Autocomplete string `json:"autocomplete,omitempty"`
	Required     bool   `json:"required,omitempty"`
	Visible      bool   `json:"visible"`
}

// Dialog is a JavaScript dialog the page raised and how darkaudit answered it.
type Dialog struct {
	Type     string    `json:"type"`
	Message  string    `json:"message"`
	Accepted bool      `json:"accepted"`
	At       time.Time `json:"at"`
}

// ConsoleLine is a console error or uncaught exception.
type ConsoleLine struct {
	Level string `json:"level"`
	Text  string `json:"text"`
	URL   string `json:"url,omitempty"`
}

// Request is one network request of the page, HAR-like.
type Request struct {
	URL      string  `json:"url"`
	Method   string  `json:"method"`
	Status   int     `json:"status"`
	Type     string  `json:"type,omitempty"`
	MimeType string  `json:"mimeType,omitempty"`
	Bytes    float64 `json:"bytes,omitempty"`
	Failed   string  `json:"failed,omitempty"`
	Blocked  bool    `json:"blocked,omitempty"`
}

// Contact detail kinds.
const (
	ContactPhone   = "phone"
	ContactEmail   = "email"
	ContactAddress = "address"
	ContactForm    = "form"
)

// ContactDetail is a way to reach the company seen on a page.
type ContactDetail struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// Normalized is the E.164 form of a phone number or the lower-cased e-mail address.
	Normalized string `json:"normalized,omitempty"`
	// PremiumRate is set for phone numbers on premium-rate prefixes.
	PremiumRate bool   `json:"premiumRate,omitempty"`
	Selector    string `json:"selector,omitempty"`
	Box         *Box   `json:"box,omitempty"`
}
