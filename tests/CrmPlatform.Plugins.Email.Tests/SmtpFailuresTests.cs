using CrmPlatform.Sdk.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>The failures a real server rarely produces on demand (authentication, refused sender), classified directly.</summary>
public sealed class SmtpFailuresTests
{
    private static readonly EmailSettings Settings = new() { Host = "smtp.example.com", Port = 587, UserName = "crm", FromAddress = "crm@shop.example" };

    [Fact]
    public void Classify_AuthenticationFailed_IsTransientAndPointsAtTheCredentials()
    {
        var result = SmtpFailures.Classify(new AuthenticationException("535: 5.7.8 Authentication credentials invalid"), Settings);

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("authentication as 'crm' failed", result.Reason);
        Assert.Contains("userName and password", result.Reason);
    }

    [Fact]
    public void Classify_SenderRefusedWith553_IsTransientAndPointsAtFromAddress()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxNameNotAllowed, new MailboxAddress("", "crm@shop.example"), "Sender address rejected");

        var result = SmtpFailures.Classify(refused, Settings);

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("fromAddress", result.Reason);
    }

    [Fact]
    public void Classify_MessageRefusedWith554_IsPermanent()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "Message looks like spam");

        var result = SmtpFailures.Classify(refused, Settings);

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("554 Message looks like spam", result.Reason);
    }

    [Fact]
    public void Classify_MessageDeferredWith451_IsTransient()
    {
        var deferred = new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ErrorInProcessing, "Try later");

        Assert.Equal(SendStatus.TransientFailure, SmtpFailures.Classify(deferred, Settings).Status);
    }

    [Fact]
    public void Classify_TimedOut_IsTransientSayingTheTimeout()
    {
        var result = SmtpFailures.Classify(new TimeoutException(), Settings);

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("within 30 s", result.Reason);
    }
}
