import PartnershipsCLI

Partnerships.runAndExit()
