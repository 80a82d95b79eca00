from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_save

        from accounts import receivers

        user_login_failed.connect(receivers.count_failed_signin, dispatch_uid="accounts-count-failed-signin")
        user_logged_in.connect(receivers.forget_failed_signins, dispatch_uid="accounts-forget-failed-signins")
        post_save.connect(
            receivers.revoke_tokens_on_password_change,
            sender=self.get_model("Person"),
            dispatch_uid="accounts-revoke-tokens-on-password-change",
        )
