// libxml2's SAX2 push parser: streaming XML with bounded memory, and the options that keep DTDs and external
// entities out (no XML_PARSE_NOENT, no XML_PARSE_DTDLOAD, XML_PARSE_NONET).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its headers then pull in the system's <unicode/*.h>, which clash with the
// toolchain's own ICU module (_FoundationICU) in any Swift file that also imports Foundation. sgw never touches
// the ICU members of xmlCharEncodingHandler (only pointers to it), so the ICU part of the headers is left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
