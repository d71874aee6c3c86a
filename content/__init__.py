"""What editors edit, one Django app per capability.

Imports flow one way, from the top of this list to the bottom:

    sign_in          signing in: lockout, the second factor, session limits, admin networks
    starter          the starter content and its loader (load_content)
    search           site search: promoted results, links to the section, stemming
    enquiries        the enquiry form page, its spam protection and submissions
    pages            the page types, their blocks and the references they cite
    review           clinical review: the mixin, the workflow's finish, the report, reminders
    glossary         glossary terms, marking their first use, the glossary page
    translations     languages: the URL chooses one, a translation's record and review
    plain_language   reading-level measures and the editor's plain-language check
    pictures         images: the upload checks, share images
    operations       health checks, the database-outage page, backup and restore
    organisation     who runs the site and how to reach them (contact details)
    serving          page cache, routing, cache headers: knows no page type
    accounts         staff accounts: who may grant superuser status and the privileged groups

README.md ("Architecture") draws the same picture.
"""
