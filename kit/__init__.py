"""chatkit: adapt a Spanish customer-support chatbot to your business.

Import name `kit`; the distribution is `chatkit`. Keep this module light: `chatkit --help` imports it.
"""

__version__ = "0.1.0"
